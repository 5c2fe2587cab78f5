# Sphinx configuration of the reading edition (`make book`).
#
# book/build.py copies this file into the generated source folder beside index.md,
# notebooks/ (the executed student edition), guide/, figures/ and _static/.  The
# notebooks arrive executed: myst-nb only renders them.  Nothing here may make a
# page load anything from outside the site: MathJax is a local file, the widget
# manager is not loaded at all (widgets are drawn as still pictures by
# book/static_widgets.py), and the theme bundles its fonts and icons.
project = "Neural networks from scratch"
author = "the course authors"
copyright = "the course authors; text and figures CC BY 4.0, code MIT"

extensions = [
    "myst_nb",                  # notebooks and markdown (includes myst_parser)
    "sphinx.ext.mathjax",       # math via the MathJax file in _static/, see mathjax_path
    "sphinx.ext.githubpages",   # writes .nojekyll so GitHub Pages serves _static/ as it is
]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]

# The notebooks are executed by book/build.py (the student edition, exercise errors
# allowed and checked there), so myst-nb never starts a kernel.
nb_execution_mode = "off"
nb_ipywidgets_js = {}           # the default loads require.js and the widget manager from a CDN
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "html_image", "smartquotes"]
myst_heading_anchors = 3
myst_dmath_double_inline = True  # `$$...$$` inside a paragraph is display math, as in JupyterLab
nb_render_error_lexer = "text"  # the only errors are the exercises' one-line sentences
suppress_warnings = ["mystnb.unknown_mime_type"]

# MathJax 3 (SVG output: one file and no web fonts, prints sharply), bundled locally.
mathjax_path = "mathjax/tex-svg-full.js"
mathjax3_config = {"svg": {"fontCache": "global"}}

html_theme = "sphinx_book_theme"
html_title = "Neural networks from scratch"
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_extra_path = ["../extra"]  # the student notebooks to download, the zip, the PDF
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
html_context = {"default_mode": "light"}  # no mode stored yet must not log an error
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": False,   # it would offer the executed file; each page links the student .ipynb
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "launch_buttons": {},
    "navigation_with_keys": False,
}


def setup(app):
    # MathJax on every page, not only those Sphinx saw math in: a widget label or
    # an output can carry math that Sphinx does not parse.
    app.set_html_assets_policy("always")
