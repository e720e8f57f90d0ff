#!/usr/bin/env bash
# Prints the path of a Python 3.12 or newer, or explains what to install and fails.
# A bare `python3` is not trusted: on many machines it is older, and pyenv shims can point anywhere.
set -u
candidates=(python3.14 python3.13 python3.12)
for name in "${candidates[@]}"; do
  if path=$(command -v "$name" 2>/dev/null) && "$path" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done
for path in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3 /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
  if [ -x "$path" ] && "$path" -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "Undercurrent needs Python 3.12 or newer (Django 6 and librosa 1.0 require it)." >&2
echo "Install one (for example 'pyenv install 3.12' or your system's python3.12 package) and try again." >&2
exit 1
