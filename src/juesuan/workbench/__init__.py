"""The local workbench (`juesuan serve`): a web page over the same library calls the CLI uses.

A finance officer does not edit YAML: the workbench lists her units and what each still needs, and (in the
steps still to come) lets her write the reasons beside their figures. The data files stay the source of truth,
so scripts, git and the CLI keep working alongside. `states` says where each unit stands; `app` is the
Starlette application, bound to this machine unless a password protects it.
"""
