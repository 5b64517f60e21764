pytest_plugins = ["libs.testing.stack"]
