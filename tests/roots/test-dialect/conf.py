from sphinx_test_conf import *  # noqa: F403
