"""Who wrote to whom: the parties register, name rules, from/to lines and a letter's parties."""
