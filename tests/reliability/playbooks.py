"""Write and run small playbooks against a simulator, as a user would (ansible-playbook)."""

import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ANSIBLE_PLAYBOOK = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")


def ansible_env(**extra):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(ROOT, "build", "collections"),
               ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="0",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="0", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
               ANSIBLE_RETRY_FILES_ENABLED="0")
    env.update(extra)
    return env


def write_playbook(directory, text):
    path = os.path.join(directory, "play.yml")
    with open(path, "w") as handle:
        handle.write(text)
    return path


def start_playbook(playbook, *args, **env):
    command = [ANSIBLE_PLAYBOOK, "-i", "localhost,", playbook] + list(args)
    return subprocess.Popen(command, env=ansible_env(**env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def run_playbook(text, *args, **env):
    with tempfile.TemporaryDirectory() as tmp:
        process = start_playbook(write_playbook(tmp, text), *args, **env)
        out, err = process.communicate(timeout=300)
    return process.returncode, out, err
