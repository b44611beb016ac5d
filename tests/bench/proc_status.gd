# A field of /proc/self/status in KiB ("VmRSS" now, "VmHWM" the peak), or -1.


static func kib(field: String) -> int:
	# Line by line: /proc files report a length of 0, so get_file_as_string() reads nothing.
	var f := FileAccess.open("/proc/self/status", FileAccess.READ)
	while f != null and not f.eof_reached():
		var line := f.get_line()
		if line.begins_with(field + ":"):
			return int(line.split(":")[1].strip_edges().split(" ")[0])
	return -1
