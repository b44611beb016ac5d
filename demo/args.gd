# Parses `-- --key value` user arguments into a Dictionary.



static func parse() -> Dictionary:
	var out := {}
	var args := OS.get_cmdline_user_args()
	for i in range(0, args.size() - 1, 2):
		out[args[i].trim_prefix("--")] = args[i + 1]
	return out
