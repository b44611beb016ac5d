# godot-webrtc-java: `make demo`, `make test`, `make addon`, `make bench`.
# Layers: core (Java) -> jni-bridge (JavaCPP C ABI) -> native (JVM loader) -> gdextension (C++).

SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
JAVA_HOME ?= $(shell dirname "$$(dirname "$$(readlink -f "$$(command -v javac)")")")
export JAVA_HOME
MVN ?= mvn -q -B
CXX ?= g++
CC := gcc

BUILD := build
ADDON := $(BUILD)/addons/webrtc_java
GODOT_API := $(BUILD)/godot
BRIDGE_OUT := jni-bridge/target/native
CXXFLAGS := -std=c++17 -O2 -g -fPIC -fvisibility=hidden -Wall -Wno-unused-function \
	-I$(GODOT_API) -I$(BRIDGE_OUT) -I$(BUILD)/gen -Inative -Igdextension/src \
	-I$(JAVA_HOME)/include -I$(JAVA_HOME)/include/linux

JAVA_SOURCES := $(shell find core/src/main jni-bridge/src/main -name '*.java') pom.xml core/pom.xml jni-bridge/pom.xml
CXX_SOURCES := $(wildcard gdextension/src/*.cpp) native/jvm.cpp
CXX_HEADERS := $(wildcard gdextension/src/*.h gdextension/src/*.inc) native/jvm.h

.PHONY: all addon java test test-network demo bench godot setup clean

all: addon

# A fresh machine: the host's Debian packages, then the Godot engines (both idempotent, root needed).
setup:
	@native/host-setup.sh
	@native/godot-rig.sh >/dev/null

# The Godot binary the build and tests use (GODOT=/path/to/godot overrides the provisioned one).
godot:
	@native/godot-rig.sh >/dev/null

# The interface header and API description, dumped from that Godot (nothing copied from its source).
$(GODOT_API)/gdextension_interface.h:
	@mkdir -p $(GODOT_API)
	cd $(GODOT_API) && $$(../../native/godot-rig.sh) --headless --dump-gdextension-interface --dump-extension-api >/dev/null 2>&1
	@test -s $@

# The Java core and the C ABI; JavaCPP compiles libjniGdwrtc.so and writes jniGdwrtc.h.
$(BRIDGE_OUT)/libjniGdwrtc.so $(BRIDGE_OUT)/jniGdwrtc.h: $(JAVA_SOURCES)
	$(MVN) -DskipTests -pl core,jni-bridge -am install
	@touch $(BRIDGE_OUT)/libjniGdwrtc.so $(BRIDGE_OUT)/jniGdwrtc.h

java: $(BRIDGE_OUT)/libjniGdwrtc.so

# One X-macro line per exported function, so the loader's table follows the generated header.
$(BUILD)/gen/gdwrtc_functions.inc: $(BRIDGE_OUT)/jniGdwrtc.h
	@mkdir -p $(dir $@)
	grep -oE '\b(JavaCPP_init|gdwrtc_[a-z_]+)\(' $< | tr -d '(' | sort -u | sed 's/.*/GDWRTC_FN(&)/' > $@

$(ADDON)/bin/libgdwrtc.so: $(CXX_SOURCES) $(CXX_HEADERS) $(GODOT_API)/gdextension_interface.h $(BUILD)/gen/gdwrtc_functions.inc
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -shared -o $@ $(CXX_SOURCES) -ldl

addon: $(ADDON)/bin/libgdwrtc.so $(BRIDGE_OUT)/libjniGdwrtc.so
	@mkdir -p $(ADDON)/bin $(ADDON)/lib
	cp gdextension/addon/webrtc_java.gdextension $(ADDON)/
	@[ -f $(ADDON)/jvm.cfg ] || cp gdextension/addon/jvm.cfg $(ADDON)/
	cp $(BRIDGE_OUT)/libjniGdwrtc.so $(ADDON)/bin/
	rm -f $(ADDON)/lib/*.jar
	cp jni-bridge/target/gdwrtc-jni-bridge-*.jar jni-bridge/target/lib/*.jar $(ADDON)/lib/
	@echo "addon ready: $(ADDON) (copy it to res://addons/webrtc_java in your project)"

# The C ABI exercised from C alone: the generated header and the library, nothing else.
$(BUILD)/c-test/abi_test: tests/c/abi_test.c $(BRIDGE_OUT)/jniGdwrtc.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -g -D_POSIX_C_SOURCE=200809L -I$(BRIDGE_OUT) -I$(JAVA_HOME)/include -I$(JAVA_HOME)/include/linux -o $@ $< \
		-L$(BRIDGE_OUT) -ljniGdwrtc -L$(JAVA_HOME)/lib/server -ljvm \
		-Wl,-rpath,$(abspath $(BRIDGE_OUT)) -Wl,-rpath,$(JAVA_HOME)/lib/server

# Unit tests, real webrtc-java connections, the C program and real headless Godot processes;
# WebRTC traffic stays inside network namespaces the tests make (tests/netns/bin/java).
test: setup addon $(BUILD)/c-test/abi_test
	mvn -B --no-transfer-progress -Djavacpp.skip=true test | grep -vE '^\[INFO\] (Download|---|Building|$$)' 

# Real networks (docs/networks.md): coturn, loss and partitions, soaks; in namespaces the tests make.
test-network: setup addon
	mvn -B --no-transfer-progress -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=network \
		| grep -vE '^\[INFO\] (Download|---|Building|$$)'

demo: setup addon
	demo/run-demo.sh

# Throughput and caller cost of each way of sending, as ratios of raw webrtc-java measured in the
# same run (tests/src/test/java/dev/gdwrtc/tests/Bench.java); nothing is asserted on time.
bench: setup addon
	mvn -B -q -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=bench -Dtest=Bench \
		| grep -E '^(bench:|path|baseline|core|Godot)'


clean:
	rm -rf $(BUILD)
	$(MVN) clean
