from sphinx_test_conf import *  # noqa: F403

latex_engine = "xelatex"
latex_documents = [("index", "test.tex", "Test PDF", "Tester", "manual")]
latex_use_xindy = False
