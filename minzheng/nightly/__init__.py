"""The nightly chain: feeds due → rules run → 在册 comparison → profiles → visit plans → tallies.

The top layer below the demo: it only strings together the services of the apps below it.
``config/schedules.py`` starts it every night; ``minzheng seed`` runs the same steps.
"""
