"""Plans: the plan model's loader and schema, and drafting plans from plan documents."""
