"""External dependencies of backport-guard for an in-tree Gerrit build."""

load("//tools/bzl:maven_jar.bzl", "maven_jar")

def external_plugin_deps():
    # JUnit 5: Jupiter API, engine and the launcher in one jar, for the unit tests.
    maven_jar(
        name = "junit-platform-console-standalone",
        artifact = "org.junit.platform:junit-platform-console-standalone:1.14.1",
        sha1 = "8cecf608f1d4cfc39818d20d475c0da006bc7b4f",
    )
