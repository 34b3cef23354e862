from sphinx_test_conf import *  # noqa: F403

docusaurus_owned_paths = ["/"]
