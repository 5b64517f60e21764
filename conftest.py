pytest_plugins = ["libs.testing.stack", "gateway.testing"]
