# Parses `--key value` user arguments (after `--`) into a Dictionary.
static func parse():
	var out = {}
	var args = OS.get_cmdline_args()
	var start = args.find("--")
	var i = start + 1 if start >= 0 else 0
	while i + 1 < args.size():
		if args[i].begins_with("--"):
			out[args[i].trim_prefix("--")] = args[i + 1]
			i += 2
		else:
			i += 1
	return out
