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

.PHONY: all addon java test demo bench godot setup clean

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

# The Java runtime bundled in the addon: only the modules the addon's jars need (jdeps, minus
# java.desktop/java.sql/java.compiler, reached only through classes the addon never loads), stripped,
# with its own CDS archive of the JDK classes. GPLv2 with the Classpath Exception, as the JDK.
JRE := $(ADDON)/jre-amd64-linux
JRE_MODULES := java.base,java.management,jdk.unsupported
$(JRE)/.gdignore:
	rm -rf $(JRE)
	@mkdir -p $(ADDON)
	$(JAVA_HOME)/bin/jlink --add-modules $(JRE_MODULES) --strip-debug --no-man-pages --no-header-files \
		--compress=2 --output $(JRE)
	find $(JRE) -name '*.so' -exec strip --strip-unneeded {} +
	$(JRE)/bin/java -Xshare:dump -Xlog:cds=off -Xlog:cds+dynamic=off >/dev/null
	rm -rf $(JRE)/bin/keytool $(JRE)/lib/jexec $(JRE)/lib/jspawnhelper $(JRE)/lib/classlist
	touch $@

# Beside the JVM's own loader, on the boot thread: preloads webrtc-java's library (native/java).
BOOT_JAR := $(BUILD)/boot/gdwrtc-boot.jar
$(BOOT_JAR): $(wildcard native/java/dev/gdwrtc/boot/*.java) $(BRIDGE_OUT)/libjniGdwrtc.so
	rm -rf $(BUILD)/boot && mkdir -p $(BUILD)/boot/classes
	$(JAVA_HOME)/bin/javac --release 17 -d $(BUILD)/boot/classes -cp 'jni-bridge/target/lib/*' $(filter %.java,$^)
	$(JAVA_HOME)/bin/jar --create --file $@ -C $(BUILD)/boot/classes .

WEBRTC_NATIVE := libwebrtc-java-linux-x86_64.so
CDS_ARCHIVE := $(JRE)/lib/gdwrtc.jsa

addon: $(ADDON)/bin/libgdwrtc.so $(BRIDGE_OUT)/libjniGdwrtc.so $(JRE)/.gdignore $(BOOT_JAR)
	@mkdir -p $(ADDON)/bin $(ADDON)/lib
	cp gdextension/addon/webrtc_java.gdextension $(ADDON)/
	@[ -f $(ADDON)/jvm.cfg ] || cp gdextension/addon/jvm.cfg $(ADDON)/
	cp $(BRIDGE_OUT)/libjniGdwrtc.so $(ADDON)/bin/
	rm -f $(ADDON)/lib/*.jar
	cp jni-bridge/target/gdwrtc-jni-bridge-*.jar $(BOOT_JAR) $(ADDON)/lib/
	cp $$(ls jni-bridge/target/lib/*.jar | grep -v -- '-linux-x86_64.jar$$') $(ADDON)/lib/
	@# webrtc-java's library, taken out of its jar once here rather than into /tmp at every start.
	unzip -o -q -d $(ADDON)/bin jni-bridge/target/lib/webrtc-java-*-linux-x86_64.jar $(WEBRTC_NATIVE)
	cd $(ADDON)/lib && ls *.jar | LC_ALL=C sort > classpath.txt && touch .gdignore
	@# AppCDS of the addon's classes, recorded with the class path the loader gives the JVM: the jars
	@# through /proc/self/fd/CDS_LIB_FD (native/jvm.h), the same text wherever the addon is copied.
	@# A jar's mtime of 0 is not recorded, so the exporter's copies (new mtimes) still match.
	touch -d @0 $(ADDON)/lib/*.jar
	rm -f $(CDS_ARCHIVE)
	fd=$$(sed -n 's/.*CDS_LIB_FD = \([0-9]*\);.*/\1/p' native/jvm.h); cd $(ADDON) && eval "exec $$fd<lib" && \
	unshare -rn jre-amd64-linux/bin/java -XX:ArchiveClassesAtExit=$(abspath $(CDS_ARCHIVE)) -Xlog:cds=off -Xlog:cds+dynamic=off \
		-cp "$$(sed "s|^|/proc/self/fd/$$fd/|" lib/classpath.txt | paste -sd:)" -Djava.library.path=bin \
		dev.gdwrtc.boot.Boot $$PWD/bin/$(WEBRTC_NATIVE) >/dev/null
	@test -s $(CDS_ARCHIVE)
	@echo "addon ready: $(ADDON), $$(du -sh $(ADDON) | cut -f1) (copy it to res://addons/webrtc_java in your project)"

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

demo: setup addon
	demo/run-demo.sh

# Throughput and caller cost of each way of sending, as ratios of raw webrtc-java measured in the
# same run; start time and memory of Godot with the addon as deltas against Godot alone
# (tests/src/test/java/dev/gdwrtc/tests/Bench.java); nothing is asserted on time.
bench: setup addon
	mvn -B -q -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=bench -Dtest=Bench \
		| grep -E '^(bench:|path|baseline|core|Godot|start|memory)'


clean:
	rm -rf $(BUILD)
	$(MVN) clean
