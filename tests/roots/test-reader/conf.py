from sphinx_test_conf import *  # noqa: F403

extensions = ["docusaurus_compat", "notfound.extension"]
notfound_urls_prefix = "/"
html_baseurl = "https://docs.example.com/"
docusaurus_site_url = "https://docs.example.com"
docusaurus_navbar_links = [
    ("Guide", "/guide/"),
    ("Elsewhere", "/elsewhere/"),
    ("External", "https://example.org/x"),
]
docusaurus_repository_url = "https://github.com/example/docs"
docusaurus_versions = [("latest", "/"), ("v1.0", "https://v1.example.com/")]
