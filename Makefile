# Neural networks from scratch: the two commands are `make lab` and `make test`.
# Each creates its virtual environment on first use and reinstalls only when the
# requirements change.  Students get .venv (no teacher tools, so nbgrader's menus
# never appear in their JupyterLab); tests and teachers get .venv-dev.

PYTHON ?= python3
VENV := .venv
DEV := .venv-dev
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PIP_QUIET := --quiet --disable-pip-version-check

# The JupyterLab settings of the course (lab/overrides.json): every cell stays rendered
# (windowingMode none), kernels start without a "Select Kernel" dialog, no news or update
# checks.  JupyterLab reads <prefix>/share/jupyter/lab/settings/overrides.json as its
# defaults, so a student can still change any of them under Settings.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# The teacher's tools (teacher/, not in a student's copy), run from this folder
TEACHER := PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m teacher

.PHONY: lab test unit notebooks student grade formgrader figures bench screenshots clean

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_QUIET) -r requirements.txt
	touch $@

$(LAB_SETTINGS): lab/overrides.json $(VENV)/.installed
	mkdir -p $(dir $@)
	cp lab/overrides.json $@

$(DEV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(DEV)
	$(DEV)/bin/pip install $(PIP_QUIET) -r requirements.txt -e ".[test,teacher,book]"
	touch $@

## make lab: JupyterLab on the course, on localhost with a token, opening notebook 01
## (the file is named from here, not from --notebook-dir; tests/test_setup.py runs this line)
lab: $(VENV)/.installed $(LAB_SETTINGS)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ServerApp.ip=127.0.0.1 $(ROOT_FLAG) notebooks/01_perceptron.ipynb

## make test: unit tests, every notebook under nbval, homework and browser tests
test: $(DEV)/.installed
	PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m pytest --nbval-lax --nbval-current-env

## make unit: the unit tests only (quick)
unit: $(DEV)/.installed
	$(DEV)/bin/python -m pytest tests --ignore=tests/test_homework.py --ignore=tests/test_browser.py \
		--ignore=tests/test_wrong_answers.py --ignore=tests/test_book.py

## make notebooks: every notebook under nbval only
notebooks: $(DEV)/.installed
	$(DEV)/bin/python -m pytest --nbval-lax --nbval-current-env notebooks

## make student: student versions of the notebooks in student/ (nbgrader generate_assignment),
## beside nnkit/, figures/, lab/ and the Makefile, so `make lab` works there; never teacher/
student: teacher-tools $(DEV)/.installed
	$(TEACHER) student --notebooks notebooks --out student

## make grade: autograde grading/submitted/<student>/<notebook>/<notebook>.ipynb (new or
## changed ones), feedback pages, grades.csv (autograded and hand-graded points apart);
## GRADE_FLAGS passes options on, e.g. GRADE_FLAGS=--regrade (python -m teacher grade --help)
grade: teacher-tools $(DEV)/.installed
	$(TEACHER) grade --notebooks notebooks --course grading $(GRADE_FLAGS)

## make formgrader: JupyterLab on grading/ with nbgrader's formgrader, to grade the written
## answers by hand (menu Nbgrader > Formgrader, then Manual Grading); then `make grade` again
formgrader: teacher-tools $(DEV)/.installed
	test -f grading/nbgrader_config.py || { echo "run make grade first: it sets up grading/"; exit 1; }
	cd grading && PYTHONPATH="$(CURDIR)" ../$(DEV)/bin/jupyter lab --ServerApp.ip=127.0.0.1 $(ROOT_FLAG)

# a student's copy of the course has no teacher/ folder: say so instead of a Python error
.PHONY: teacher-tools
teacher-tools:
	@test -d teacher || { echo "the teacher's tools (teacher/) are not part of this copy of the course"; exit 1; }

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
	NNKIT_REQUIRE_BROWSER=1 PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python -m pytest tests/test_browser.py -q -k "test_notebook_in_browser and not browser_fixture"
	for f in screenshots/[0-9]*.png; do cp "$$f" "figures/screenshot_$$(basename "$$f")"; done

## make clean: the environments and everything regenerable; never grading/, which holds
## the students' submissions and the gradebook
clean:
	rm -rf $(VENV) $(DEV) student screenshots book/_build .pytest_cache

## make book: the reading edition, the executed student edition as an offline website
## and a PDF, in book/_build/html/ (see book/build.py; BOOK_FLAGS=--no-guide leaves out
## the teacher's guide)
.PHONY: book
book: $(DEV)/.installed
	PATH="$(CURDIR)/$(DEV)/bin:$$PATH" $(DEV)/bin/python book/build.py $(BOOK_FLAGS)
