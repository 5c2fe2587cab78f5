# Neural networks from scratch: the two commands are `make lab` and `make test`.
# Each creates its virtual environment on first use and reinstalls only when the
# requirements change.  Students get .venv (no teacher tools, so nbgrader's menus
# never appear in their JupyterLab); tests and teachers get .venv-dev.

PYTHON ?= python3
VENV := .venv
DEV := .venv-dev
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: lab test unit notebooks student grade figures bench screenshots clean

$(VENV)/.installed: requirements.txt pyproject.toml nnkit/lab_settings.py
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_QUIET) -r requirements.txt
	$(VENV)/bin/python -m nnkit.lab_settings
	touch $@

$(DEV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(DEV)
	$(DEV)/bin/pip install $(PIP_QUIET) -r requirements.txt -e ".[test,teacher,book]"
	touch $@

## make lab: JupyterLab on the course, on localhost with a token, opening notebook 01
## (the file is named from here, not from --notebook-dir; tests/test_setup.py runs this line)
lab: $(VENV)/.installed
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) notebooks/01_perceptron.ipynb

## make test: unit tests, every notebook under nbval, homework and browser tests
test: $(DEV)/.installed
	PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m pytest --nbval-lax --nbval-current-env

## make unit: the unit tests only (quick)
unit: $(DEV)/.installed
	$(DEV)/bin/python -m pytest tests --ignore=tests/test_homework.py --ignore=tests/test_browser.py

## make notebooks: every notebook under nbval only
notebooks: $(DEV)/.installed
	$(DEV)/bin/python -m pytest --nbval-lax --nbval-current-env notebooks

## make student: student versions of the notebooks in student/ (nbgrader generate_assignment)
student: $(DEV)/.installed
	PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m nnkit.homework student --out student

## make grade: autograde grading/submitted/<student>/<notebook>/<notebook>.ipynb, feedback, grades.csv
grade: $(DEV)/.installed
	PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m nnkit.homework grade --course grading

## make figures: redraw the static figures in figures/
figures: $(DEV)/.installed
	$(DEV)/bin/python figures/make_figures.py

## make bench: speed and accuracy benchmarks, a table and JSON
bench: $(DEV)/.installed
	$(DEV)/bin/python bench/run.py

## make screenshots: every notebook in JupyterLab + Chromium (the browser tests), one
## screenshot each with its first widget in view, copied to figures/screenshot_<notebook>.png
screenshots: $(DEV)/.installed
	rm -rf screenshots
	NNKIT_REQUIRE_BROWSER=1 PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m pytest tests/test_browser.py -q -k "not browser_fixture"
	for f in screenshots/[0-9]*.png; do cp "$$f" "figures/screenshot_$$(basename "$$f")"; done

## make clean: the environments and everything regenerable; never grading/, which holds
## the students' submissions and the gradebook
clean:
	rm -rf $(VENV) $(DEV) student screenshots .pytest_cache

## make book: the reading edition, the executed student edition as an offline website
## and a PDF, in book/_build/html/ (see book/build.py; BOOK_FLAGS=--no-guide leaves out
## the teacher's guide)
.PHONY: book
book: $(DEV)/.installed
	PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python book/build.py $(BOOK_FLAGS)
