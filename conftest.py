pytest_plugins = ["libs.testing.stack", "libs.testing.moto", "gateway.testing"]
