from sphinx_test_conf import *  # noqa: F403

project = "Test Docs"
html_title = "Test Docs"
html_baseurl = "https://docs.example.com/"
