"""Framing: how an outlet tells a story — stance toward its claims and the persuasion techniques it uses."""
