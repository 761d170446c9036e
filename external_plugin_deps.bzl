"""External dependencies of backport-guard for an in-tree Gerrit build."""

load("//tools/bzl:maven_jar.bzl", "maven_jar")

def external_plugin_deps():
    """The jars the plugin's tests need beyond Gerrit's own (JUnit 5, Selenium)."""

    # JUnit 5: Jupiter API, engine and the launcher in one jar, for the unit tests.
    maven_jar(
        name = "junit-platform-console-standalone",
        artifact = "org.junit.platform:junit-platform-console-standalone:1.14.1",
        sha1 = "8cecf608f1d4cfc39818d20d475c0da006bc7b4f",
    )

    # The browser test (page/PrerequisitesPageIT): Selenium's Java bindings for Chromium and what
    # they need at run time (Guava comes with Gerrit). Debian's chromium and chromedriver drive it.
    maven_jar(
        name = "selenium-api",
        artifact = "org.seleniumhq.selenium:selenium-api:4.52.0",
        sha1 = "965625025fe289ad48ba1f727763a5425570a9e5",
    )
    maven_jar(
        name = "selenium-chrome-driver",
        artifact = "org.seleniumhq.selenium:selenium-chrome-driver:4.52.0",
        sha1 = "2ecb8d9b116e3b942ec8384bd2af6ed0ec15a7f0",
    )
    maven_jar(
        name = "selenium-chromium-driver",
        artifact = "org.seleniumhq.selenium:selenium-chromium-driver:4.52.0",
        sha1 = "0fc9fa5a4d61a22c137612d99c975cd87558a807",
    )
    maven_jar(
        name = "selenium-http",
        artifact = "org.seleniumhq.selenium:selenium-http:4.52.0",
        sha1 = "c05f0fbdfb4662b37b61cb5bbafe927d8f42ce4f",
    )
    maven_jar(
        name = "selenium-json",
        artifact = "org.seleniumhq.selenium:selenium-json:4.52.0",
        sha1 = "de5582fe0531269994c90fd5bafa3af0f4236c88",
    )
    maven_jar(
        name = "selenium-manager",
        artifact = "org.seleniumhq.selenium:selenium-manager:4.52.0",
        sha1 = "ee8c83372b71bc4f92ef9a91547169f98853fc7a",
    )
    maven_jar(
        name = "selenium-os",
        artifact = "org.seleniumhq.selenium:selenium-os:4.52.0",
        sha1 = "cd8991e792046cef1f9008721547cbb63e7790c8",
    )
    maven_jar(
        name = "selenium-remote-driver",
        artifact = "org.seleniumhq.selenium:selenium-remote-driver:4.52.0",
        sha1 = "dc02a04fc6ad2d277f078f0f1efa424fe1faa3a1",
    )
    maven_jar(
        name = "selenium-support",
        artifact = "org.seleniumhq.selenium:selenium-support:4.52.0",
        sha1 = "837fdabd49d56ee0fad290aa25a937dd2bd94a85",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-api",
        artifact = "io.opentelemetry:opentelemetry-api:1.67.0",
        sha1 = "069f15f38424287af33eda1ed782b440029710a0",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-context",
        artifact = "io.opentelemetry:opentelemetry-context:1.67.0",
        sha1 = "1c669bff2a92842a625ce2e2e200d2f2277cc7e2",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-common",
        artifact = "io.opentelemetry:opentelemetry-common:1.67.0",
        sha1 = "3f6ecafdf85070807d9111b5027557eefdedfebf",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-exporter-logging",
        artifact = "io.opentelemetry:opentelemetry-exporter-logging:1.67.0",
        sha1 = "b40efb8d7c9cd451fbd0b239f98ecaf8defff08a",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk-common",
        artifact = "io.opentelemetry:opentelemetry-sdk-common:1.67.0",
        sha1 = "1698ded941dc41e3b26db47377f40ae528469a52",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk-extension-autoconfigure-spi",
        artifact = "io.opentelemetry:opentelemetry-sdk-extension-autoconfigure-spi:1.67.0",
        sha1 = "44a9864f68a23e68ac8282ead3be621ba94bb6f4",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk-extension-autoconfigure",
        artifact = "io.opentelemetry:opentelemetry-sdk-extension-autoconfigure:1.67.0",
        sha1 = "4166cbe40eab2e23f4ac778c00e31be0b39f6300",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk-trace",
        artifact = "io.opentelemetry:opentelemetry-sdk-trace:1.67.0",
        sha1 = "5c10c9d7c99e0cb2b2049522adf31c86a2d3446a",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk",
        artifact = "io.opentelemetry:opentelemetry-sdk:1.67.0",
        sha1 = "89543f9c3bb485528bd89f8849c7ff41d94c90e4",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk-metrics",
        artifact = "io.opentelemetry:opentelemetry-sdk-metrics:1.67.0",
        sha1 = "dcc20dfc0a976b93e58d7eff8a17c1278d83fb31",
    )
    maven_jar(
        name = "backport-guard-opentelemetry-sdk-logs",
        artifact = "io.opentelemetry:opentelemetry-sdk-logs:1.67.0",
        sha1 = "a2c93744e7a7c48d7cb919e8993d365cb312d597",
    )
    maven_jar(
        name = "backport-guard-byte-buddy",
        artifact = "net.bytebuddy:byte-buddy:1.18.15",
        sha1 = "ffff83d2b122d612acecd92029df4ed9b0472ffe",
    )
    maven_jar(
        name = "backport-guard-jspecify",
        artifact = "org.jspecify:jspecify:1.0.1",
        sha1 = "3d60fd98eb8ade73004f4195c37b6317e02cf3d7",
    )
