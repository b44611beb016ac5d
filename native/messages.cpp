#include "messages.h"

#include "jvm.h"

namespace gdwrtc {

std::string unavailable_message() {
	std::string why = start_error();
	if (!why.empty()) {
		return "ERR_UNCONFIGURED: WebRTC (Java) did not start, so its objects answer as unconfigured ones: " + why;
	}
	return "ERR_UNCONFIGURED: this object has no object in the Java core (its creation failed, as printed before, or it was "
		   "made with new(): data channels come from create_data_channel() and data_channel_received).";
}

std::string failure_message(int r) {
	if (take_unavailable_answer()) {
		return unavailable_message();
	}
	char message[1024];
	int n = abi.gdwrtc_last_error(message, sizeof(message) - 1);
	message[n < 0 ? 0 : (n < (int)sizeof(message) ? n : (int)sizeof(message) - 1)] = '\0';
	return message[0] ? message : "Call failed with error " + std::to_string(r < 0 ? -r : r) + ".";
}

void take_queued_messages(void (*print)(const std::string &message)) {
	static int32_t queued = 0; // set to 1 by the core when it queues a message
	static const bool watching = abi.gdwrtc_watch_messages(&queued) == 0;
	if (!watching || !__atomic_load_n(&queued, __ATOMIC_ACQUIRE)) {
		return;
	}
	__atomic_store_n(&queued, 0, __ATOMIC_RELEASE);
	std::string message(1024, '\0');
	int n;
	while ((n = abi.gdwrtc_take_message(message.data(), (int)message.size())) > 0) {
		if (n > (int)message.size()) {
			message.resize((size_t)n); // it stayed queued: take it with room for it
			continue;
		}
		print(message.substr(0, (size_t)n));
	}
}

} // namespace gdwrtc
