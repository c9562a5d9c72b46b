"""Work on directives: assigning, the task lifecycle around the workflow, evidence files, the task
summary and the task list's queries.
"""
