# godot-webrtc-java: `make demo`, `make test`, `make addon`, `make bench`, `make soak`, `make release`.
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

JAVA_SOURCES := $(shell find core/src/main jni-bridge/src/main jni-bridge/src/build -name '*.java') \
	jni-bridge/src/main/abi/exports.list pom.xml core/pom.xml jni-bridge/pom.xml
# The JVM loader and what it shares with both engines' bindings.
NATIVE_SOURCES := native/jvm.cpp native/messages.cpp native/relocations.cpp native/message_leak.cpp native/elf_check.cpp
NATIVE_HEADERS := native/jvm.h native/messages.h native/poll_records.h native/relocations.h native/message_leak.h native/elf_check.h native/stats_records.h native/packet_buffer.h
CXX_SOURCES := $(wildcard gdextension/src/*.cpp) $(NATIVE_SOURCES)
CXX_HEADERS := $(wildcard gdextension/src/*.h gdextension/src/*.inc) $(NATIVE_HEADERS)
DOC_CLASSES := $(wildcard gdextension/doc_classes/*.xml)
# The release's version is the Maven project's (pom.xml), without -SNAPSHOT.
VERSION := $(shell sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | sed 's/-SNAPSHOT//')
# One zip for both architectures: a project exports for either from the same addon folder.
RELEASE_ZIP := dist/godot-webrtc-java-$(VERSION)-linux-x86_64-arm64.zip
# The Apache License 2.0 text the third-party notice refers to (Debian's base-files ships it).
APACHE_LICENSE ?= /usr/share/common-licenses/Apache-2.0
# libgdwrtc.so exports its entry symbol only, and carries its own C++ runtime, so no other
# extension's libstdc++ symbols can bind to ours or ours to theirs.
LDFLAGS_GDWRTC := -Wl,--version-script=gdextension/gdwrtc.map -static-libstdc++ -static-libgcc -Wl,--no-undefined

.PHONY: all addon addon-arm64 addon3 asan java test test-arm64 test-network demo bench soak release godot setup clean format lobby lobby-jar

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

# The Java core and the C ABI; JavaCPP compiles libjniGdwrtc.so and writes jniGdwrtc.h, the
# bridge writes gdwrtc_constants.h (error codes, event tags, states) from the Java constants.
# JavaCPP's C++ sources are kept: the arm64 bridge is compiled from them (below).
BRIDGE_FILES := $(addprefix $(BRIDGE_OUT)/,libjniGdwrtc.so jniGdwrtc.h gdwrtc_constants.h jniGdwrtc.cpp jnijavacpp.cpp)
$(BRIDGE_FILES) &: $(JAVA_SOURCES)
	$(MVN) -DskipTests -Djavacpp.deleteJniFiles=false -pl core,jni-bridge -am install
	@touch $(BRIDGE_FILES)

java: $(BRIDGE_OUT)/libjniGdwrtc.so

# One X-macro line per exported function, so the loader's table follows the generated header.
$(BUILD)/gen/gdwrtc_functions.inc: $(BRIDGE_OUT)/jniGdwrtc.h
	@mkdir -p $(dir $@)
	grep -oE '\b(JavaCPP_init|gdwrtc_[a-z_]+)\(' $< | tr -d '(' | sort -u | sed 's/.*/GDWRTC_FN(&)/' > $@

# What each function answers while the core is unavailable (jvm.h): its failure value in
# exports.list, with ERR_UNCONFIGURED where that value is the error.
$(BUILD)/gen/gdwrtc_failures.inc: jni-bridge/src/main/abi/exports.list
	@mkdir -p $(dir $@)
	awk -F'|' '/^gdwrtc_/ { n = $$1; f = $$2; gsub(/ /, "", n); gsub(/ /, "", f); \
	  if (f == "error") f = "GDWRTC_ERR_UNCONFIGURED"; else if (f == "-error") f = "-GDWRTC_ERR_UNCONFIGURED"; \
	  print "GDWRTC_FAILURE(" n ", " f ")" }' $< > $@

# The hashes of the engine methods the extension calls, read from the dumped extension_api.json.
$(BUILD)/gen/godot_hashes.h: $(GODOT_API)/gdextension_interface.h gdextension/method_hashes.py
	@mkdir -p $(dir $@)
	python3 gdextension/method_hashes.py $(GODOT_API)/extension_api.json > $@

GENERATED_HEADERS := $(BUILD)/gen/gdwrtc_functions.inc $(BUILD)/gen/gdwrtc_failures.inc $(BUILD)/gen/godot_hashes.h $(BRIDGE_OUT)/gdwrtc_constants.h \
	$(BUILD)/gen/doc_classes.inc

# The class reference, embedded: one byte array per doc_classes/*.xml (docs.cpp hands them to the editor).
$(BUILD)/gen/doc_classes.inc: $(DOC_CLASSES)
	@mkdir -p $(dir $@)
	{ for f in $(DOC_CLASSES); do n=$$(basename $$f .xml); xxd -i -n doc_$$n $$f | sed 's/^unsigned/static const unsigned/'; done; \
	  echo 'const DocXml DOC_CLASSES[] = {'; \
	  for f in $(DOC_CLASSES); do n=$$(basename $$f .xml); echo "	{ \"$$n\", doc_$$n, doc_$${n}_len },"; done; \
	  echo '};'; } > $@

$(ADDON)/bin/libgdwrtc.so: $(CXX_SOURCES) $(CXX_HEADERS) $(GODOT_API)/gdextension_interface.h $(GENERATED_HEADERS) \
		gdextension/gdwrtc.map
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -shared -o $@ $(CXX_SOURCES) $(LDFLAGS_GDWRTC) -ldl

# The Java runtime bundled in the addon: only the modules the addon's jars need (jdeps, minus
# java.desktop/java.sql/java.compiler, reached only through classes the addon never loads), stripped.
# No default CDS archive: the addon's own archive (below) holds the JDK classes it uses too.
# GPLv2 with the Classpath Exception, as the JDK.
#   $(call jlink_runtime,OUTPUT,EXTRA_JLINK_ARGUMENTS,BINUTILS_PREFIX)
JRE := $(ADDON)/jre-amd64-linux
JRE_MODULES := java.base,java.management,jdk.unsupported
define jlink_runtime
	rm -rf $(1)
	@mkdir -p $(ADDON)
	$(JAVA_HOME)/bin/jlink $(2) --add-modules $(JRE_MODULES) --strip-java-debug-attributes \
		--strip-native-debug-symbols=objcopy=$$(command -v $(3)objcopy) --no-man-pages --no-header-files \
		--compress=2 --output $(1)
	find $(1) -name '*.so' -exec $(3)strip --strip-unneeded {} +
	rm -rf $(1)/bin/keytool $(1)/lib/jexec $(1)/lib/jspawnhelper $(1)/lib/classlist
	touch $(1)/.gdignore
endef
$(JRE)/.gdignore:
	$(call jlink_runtime,$(JRE),,)

# Beside the JVM's own loader, on the boot thread: preloads webrtc-java's library (native/java).
BOOT_JAR := $(BUILD)/boot/gdwrtc-boot.jar
$(BOOT_JAR): $(wildcard native/java/dev/gdwrtc/boot/*.java) $(BRIDGE_OUT)/libjniGdwrtc.so
	rm -rf $(BUILD)/boot && mkdir -p $(BUILD)/boot/classes
	$(JAVA_HOME)/bin/javac --release 17 -XDstringConcat=inline -d $(BUILD)/boot/classes -cp 'jni-bridge/target/lib/*' $(filter %.java,$^)
	$(JAVA_HOME)/bin/jar --create --file $@ -C $(BUILD)/boot/classes .

WEBRTC_NATIVE := libwebrtc-java-linux-x86_64.so
CDS_ARCHIVE := $(JRE)/lib/gdwrtc.jsa
CDS_CLASSES := $(BUILD)/gdwrtc.classlist
# Dumps a CDS archive of CDS_CLASSES for the class path the loader gives the JVM (the jars through
# /proc/self/fd/CDS_LIB_FD, native/jvm.h).   $(call cds_dump,RUNTIME_FOLDER,ARCHIVE,LAUNCHER_PREFIX)
define cds_dump
	[ ! -s $(CDS_CLASSES) ] || { fd=$$(sed -n 's/.*CDS_LIB_FD = \([0-9]*\);.*/\1/p' native/jvm.h); cd $(ADDON) && eval "exec $$fd<lib" && \
	$(3) $(1)/bin/java -Xshare:dump -XX:+UseSerialGC -XX:SharedClassListFile=$(abspath $(CDS_CLASSES)) \
		-XX:SharedArchiveFile=$(abspath $(2)) -Xlog:cds=off \
		-cp "$$(sed "s|^|/proc/self/fd/$$fd/|" lib/classpath.txt | paste -sd:)" >/dev/null && test -s $(abspath $(2)); }
endef

addon: $(ADDON)/bin/libgdwrtc.so $(BRIDGE_OUT)/libjniGdwrtc.so $(JRE)/.gdignore $(BOOT_JAR)
	@mkdir -p $(ADDON)/bin $(ADDON)/lib
	cp gdextension/addon/webrtc_java.gdextension $(ADDON)/
	cp gdextension/addon/plugin.cfg gdextension/addon/plugin.gd gdextension/addon/network_monitors.gd gdextension/addon/lobby_client.gd gdextension/addon/voice_chat.gd $(ADDON)/
	rm -rf $(ADDON)/icons $(ADDON)/licenses && cp -r gdextension/addon/icons $(ADDON)/
	mkdir -p $(ADDON)/licenses && cp LICENSE THIRD_PARTY_NOTICES $(ADDON)/ && cp $(APACHE_LICENSE) $(ADDON)/licenses/Apache-2.0.txt
	@[ -f $(ADDON)/jvm.cfg ] || cp gdextension/addon/jvm.cfg $(ADDON)/
	cp $(BRIDGE_OUT)/libjniGdwrtc.so $(ADDON)/bin/
	rm -f $(ADDON)/lib/*.jar
	cp jni-bridge/target/gdwrtc-jni-bridge-*.jar $(BOOT_JAR) $(ADDON)/lib/
	cp $$(ls jni-bridge/target/lib/*.jar | grep -v -- '-linux-x86_64.jar$$') $(ADDON)/lib/
	@# webrtc-java's library, taken out of its jar once here rather than into /tmp at every start.
	unzip -o -q -d $(ADDON)/bin jni-bridge/target/lib/webrtc-java-*-linux-x86_64.jar $(WEBRTC_NATIVE)
	cd $(ADDON)/lib && ls *.jar | LC_ALL=C sort > classpath.txt && touch .gdignore
	@# One static CDS archive of exactly the classes a game's session loads (JDK's and the addon's),
	@# listed by a training run in real Godot: the JVM maps an archive whole, so a class a game
	@# never loads would cost every game memory, and one it loads from outside costs more.
	@# The class path is the one the loader gives the JVM: the jars through /proc/self/fd/CDS_LIB_FD
	@# (native/jvm.h), the same text wherever the addon is copied. A jar's mtime of 0 is not
	@# recorded, so the exporter's copies (new mtimes) still match.
	touch -d @0 $(ADDON)/lib/*.jar
	rm -f $(CDS_ARCHIVE)
	@# Without a network namespace (the training's WebRTC stays in one) the addon has no archive:
	@# it works, but starts slower and takes more memory.
	native/cds-train.sh $(ADDON) $(CDS_CLASSES) || { [ $$? = 2 ] && \
		echo "make addon: WARNING: no CDS archive (see above); the addon starts slower and uses more memory" >&2; }
	$(call cds_dump,jre-amd64-linux,$(CDS_ARCHIVE))
	$(if $(filter arm64,$(ARCHS)),@$(MAKE) --no-print-directory addon-arm64)
	@echo "addon ready: $(ADDON), $$(du -sh $(ADDON) | cut -f1) (copy it to res://addons/webrtc_java in your project)"

# --- Linux arm64: the same addon, cross-built into the same folder (docs/platforms.md) ---------
# Its files carry the architecture in their names (native/jvm.h); the .gdextension lists both, and
# an export copies one architecture's. The arm64 JDK (headers, libjvm to link, jmods, the java
# that dumps the CDS archive under qemu) is Debian 12's, unpacked by native/godot-rig.sh (cached);
# Godot and the player's machine are the arm64 sid root's.
# ARCHS=x86_64 builds without it (no cross compiler, no arm64 root: that needs root once).
ARCHS ?= x86_64 arm64
CXX_ARM64 ?= aarch64-linux-gnu-g++
JDK_ARM64 := $(BUILD)/arm64/jdk
JRE_ARM64 := $(ADDON)/jre-arm64-linux
WEBRTC_NATIVE_ARM64 := libwebrtc-java-linux-aarch64.so
WEBRTC_JAR_ARM64 := $(BUILD)/arm64/webrtc-java-linux-aarch64.jar
ARM64_INCLUDES := -I$(JDK_ARM64)/include -I$(JDK_ARM64)/include/linux

$(JDK_ARM64)/release:
	@mkdir -p $(dir $(JDK_ARM64))
	ln -sfn "$$(native/godot-rig.sh jdk-arm64)" $(JDK_ARM64)

$(ADDON)/bin/libgdwrtc.arm64.so: $(CXX_SOURCES) $(CXX_HEADERS) $(GODOT_API)/gdextension_interface.h $(GENERATED_HEADERS) \
		gdextension/gdwrtc.map | $(JDK_ARM64)/release
	@mkdir -p $(dir $@)
	$(CXX_ARM64) $(filter-out -I$(JAVA_HOME)/%,$(CXXFLAGS)) $(ARM64_INCLUDES) -shared -o $@ $(CXX_SOURCES) $(LDFLAGS_GDWRTC) -ldl

# JavaCPP's own flags for linux-arm64 (its linux-arm64.properties), on the sources it generated.
$(ADDON)/bin/libjniGdwrtc.arm64.so: $(BRIDGE_FILES) | $(JDK_ARM64)/release
	@mkdir -p $(dir $@)
	$(CXX_ARM64) $(ARM64_INCLUDES) $(BRIDGE_OUT)/jniGdwrtc.cpp $(BRIDGE_OUT)/jnijavacpp.cpp -O3 -s -w \
		-Wl,-z,noexecstack -Wl,-Bsymbolic -fPIC -pthread -shared -mno-outline-atomics -o $@ -L$(JDK_ARM64)/lib/server -ljvm

# webrtc-java's linux-aarch64 jar, of the version the build resolved for x86_64.
$(WEBRTC_JAR_ARM64): $(BRIDGE_OUT)/libjniGdwrtc.so
	@mkdir -p $(dir $@)
	v=$$(ls jni-bridge/target/lib/webrtc-java-*-linux-x86_64.jar | sed 's/.*webrtc-java-\(.*\)-linux-x86_64.jar/\1/') && \
	$(MVN) dependency:copy -Dartifact=dev.onvoid.webrtc:webrtc-java:$$v:jar:linux-aarch64 -Dmdep.stripVersion=true \
		-DoutputDirectory=$(abspath $(dir $@))
	@touch $@

# jlink (the host's, same feature release) over the arm64 JDK's jmods.
$(JRE_ARM64)/.gdignore: | $(JDK_ARM64)/release
	$(call jlink_runtime,$(JRE_ARM64),--module-path $(JDK_ARM64)/jmods,aarch64-linux-gnu-)

# The arm64 files, after the x86_64 addon (make addon): the jars and their class list are shared,
# the CDS archive is dumped by the arm64 JVM under qemu (with the root's libraries), from the
# classes the x86_64 training run listed (the same Java code loads the same classes).
addon-arm64: $(ADDON)/bin/libgdwrtc.arm64.so $(ADDON)/bin/libjniGdwrtc.arm64.so $(WEBRTC_JAR_ARM64) $(JRE_ARM64)/.gdignore
	unzip -o -q -d $(ADDON)/bin $(WEBRTC_JAR_ARM64) $(WEBRTC_NATIVE_ARM64)
	rm -f $(JRE_ARM64)/lib/gdwrtc.jsa
	$(call cds_dump,jre-arm64-linux,$(JRE_ARM64)/lib/gdwrtc.jsa,QEMU_LD_PREFIX=$$($(abspath native/godot-rig.sh) root-arm64))

# Godot 3: a GDNative library over the same C ABI. Its headers and API description come from
# Debian's godot3 source package, unpacked here at build time (none of Godot's files are committed).
ADDON3 := $(BUILD)/godot3/addons/webrtc_java
GODOT3_API := $(BUILD)/godot3-api
G3_SOURCES := $(wildcard gdnative/src/*.cpp) $(NATIVE_SOURCES)
G3_HEADERS := $(wildcard gdnative/src/*.h) $(NATIVE_HEADERS)

$(GODOT3_API)/gdnative_api.json:
	@mkdir -p $(GODOT3_API)
	tar -xJf "$$(native/godot-rig.sh godot3-src)"/godot3_*.orig.tar.xz -C $(GODOT3_API) --strip-components=3 \
		--wildcards '*/modules/gdnative/include/*' '*/modules/gdnative/gdnative_api.json'
	@touch $@

$(GODOT3_API)/include/gdnative_api_struct.gen.h: $(GODOT3_API)/gdnative_api.json gdnative/gen_api.py
	python3 gdnative/gen_api.py $< $@

$(ADDON3)/bin/libgdwrtc_gdnative.so: $(G3_SOURCES) $(G3_HEADERS) $(GODOT3_API)/include/gdnative_api_struct.gen.h $(BUILD)/gen/gdwrtc_functions.inc $(BUILD)/gen/gdwrtc_failures.inc
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -O2 -g -fPIC -fvisibility=hidden -Wall -I$(GODOT3_API)/include -I$(BRIDGE_OUT) -I$(BUILD)/gen \
		-Inative -Igdnative/src -I$(JAVA_HOME)/include -I$(JAVA_HOME)/include/linux -shared -o $@ $(G3_SOURCES) -ldl

# The Java side is the Godot 4 addon's, copied whole: the bridge, webrtc-java's library, the jars
# with their class list, and the bundled runtime with its CDS archive (cp -a keeps the jars' mtimes).
addon3: $(ADDON3)/bin/libgdwrtc_gdnative.so addon
	@mkdir -p $(ADDON3)/bin
	cp gdnative/addon/webrtc_java.gdnlib $(ADDON3)/
	@[ -f $(ADDON3)/jvm.cfg ] || cp gdextension/addon/jvm.cfg $(ADDON3)/
	cp $(ADDON)/bin/libjniGdwrtc.so $(ADDON)/bin/$(WEBRTC_NATIVE) $(ADDON3)/bin/
	rm -rf $(ADDON3)/lib $(ADDON3)/jre-amd64-linux
	cp -a $(ADDON)/lib $(ADDON)/jre-amd64-linux $(ADDON3)/
	@echo "Godot 3 addon ready: $(ADDON3) (see docs/godot3.md)"

# The message-leak workaround as a JVMTI agent, for the test JVMs (tests/pom.xml's argLine); the
# addon installs the same code itself when it starts the JVM.
LEAK_AGENT := $(BUILD)/agent/libgdwrtc_message_leak.so
$(LEAK_AGENT): native/message_leak.cpp native/message_leak.h
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 -O2 -g -fPIC -shared -DGDWRTC_MESSAGE_LEAK_AGENT -I$(JAVA_HOME)/include -I$(JAVA_HOME)/include/linux -o $@ $<

# The C ABI exercised from C alone: the generated header and the library, nothing else.
$(BUILD)/c-test/abi_test: tests/c/abi_test.c $(BRIDGE_OUT)/jniGdwrtc.h $(BRIDGE_OUT)/gdwrtc_constants.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O1 -g -D_POSIX_C_SOURCE=200809L -I$(BRIDGE_OUT) -I$(JAVA_HOME)/include -I$(JAVA_HOME)/include/linux -o $@ $< \
		-L$(BRIDGE_OUT) -ljniGdwrtc -L$(JAVA_HOME)/lib/server -ljvm \
		-Wl,-rpath,$(abspath $(BRIDGE_OUT)) -Wl,-rpath,$(JAVA_HOME)/lib/server

# The extension built with AddressSanitizer, for the re-entrancy test (GodotPeerConnectionTest),
# and the shim that lets Godot load it.
$(BUILD)/asan/libgdwrtc.so: $(CXX_SOURCES) $(CXX_HEADERS) $(GODOT_API)/gdextension_interface.h $(GENERATED_HEADERS)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -O1 -fsanitize=address -fno-omit-frame-pointer -shared -o $@ $(CXX_SOURCES) -ldl
	$(CXX) -print-file-name=libasan.so > $(BUILD)/asan/runtime

$(BUILD)/asan/nodeepbind.so: tests/asan/nodeepbind.c
	@mkdir -p $(dir $@)
	$(CC) -shared -fPIC -O1 -o $@ $< -ldl

asan: $(BUILD)/asan/libgdwrtc.so $(BUILD)/asan/nodeepbind.so

# The signalling lobby (docs/lobby.md): one runnable jar, installed for the tests' class path too.
# `make lobby ARGS="--redis redis://127.0.0.1:6379"` passes options; Ctrl-C stops it.
LOBBY_JAR := lobby/target/gdwrtc-lobby.jar
$(LOBBY_JAR): lobby/pom.xml pom.xml $(shell find lobby/src -type f)
	$(MVN) -DskipTests -pl lobby install

lobby-jar: $(LOBBY_JAR)

ARGS ?=
lobby: $(LOBBY_JAR)
	java @lobby/jvm.options -jar $(LOBBY_JAR) $(ARGS)

# Unit tests, real webrtc-java connections, the C program and real headless Godot processes;
# WebRTC traffic stays inside network namespaces the tests make (tests/netns/bin/java).
# A failure ends with a short list of the failed tests (tests/ci/failures.py): a CI log may keep only its tail.
REPORTS := tests/target/surefire-reports
OR_LIST_FAILURES := || { tests/ci/failures.py $(REPORTS); exit 1; }
test: setup addon addon3 asan release $(BUILD)/c-test/abi_test $(LEAK_AGENT) $(LOBBY_JAR)
	rm -rf $(REPORTS)
	mvn -B --no-transfer-progress -Djavacpp.skip=true test | grep -vE '^\[INFO\] (Download|---|Building|$$)' $(OR_LIST_FAILURES)

# Real networks (docs/networks.md): coturn, loss and partitions, soaks; in namespaces the tests make.
test-network: setup addon $(LEAK_AGENT) $(LOBBY_JAR)
	mvn -B --no-transfer-progress -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=network \
		| grep -vE '^\[INFO\] (Download|---|Building|$$)' $(OR_LIST_FAILURES)

# The arm64 addon in arm64 Godot under qemu (tests/.../Arm64Test.java): the release zip, a two-process
# mesh, an exported game; in the tests' network namespace. 2.5 minutes on an idle 2-core machine
# (10 and more beside other builds), after `make release`; .ci/run runs it.
test-arm64: setup release $(LEAK_AGENT) $(LOBBY_JAR)
	mvn -B --no-transfer-progress -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=arm64 -Dtest=Arm64Test \
		| grep -vE '^\[INFO\] (Download|---|Building|$$)' $(OR_LIST_FAILURES)

demo: setup addon $(LOBBY_JAR)
	demo/run-demo.sh

# Throughput and caller cost of each way of sending, as ratios of raw webrtc-java measured in the
# same run (tests/src/test/java/dev/gdwrtc/tests/Bench.java), start time and memory of Godot with the
# addon as deltas against Godot alone (Bench too), and what a user feels: throughput by size and
# reliability with and without packing, RTT, connect, idle poll, allocation (bench/PerfBench), and
# the Godot-process rows (bench/GodotBench), writing build/bench/bench.json and bench.png; nothing is
# asserted on time. ANCHOR=<addon folder> (any Godot WebRTC extension, e.g. webrtc-native's release
# folder; docs/performance.md) runs the Godot-process rows with that addon too, in the same run,
# and writes both columns and their ratio; then the arm64 addon's start and idle memory under qemu
# (Arm64Bench, labelled emulated), and the lobby's relay rate, latency and memory on one node and
# across two through Redis (LobbyBench). BENCH_FLAGS passes more, e.g. -Dbench.scale=0.1.
ANCHOR ?=
BENCH_FLAGS ?=
bench: setup addon $(LEAK_AGENT) $(LOBBY_JAR)
	$(if $(ANCHOR),@test -d '$(ANCHOR)' || { echo "make bench: ANCHOR=$(ANCHOR) is not a folder" >&2; exit 1; })
	mvn -B -q -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=bench -Dtest='Bench,PerfBench,GodotBench,StatsBench,NetworkWatchBench,Arm64Bench,LobbyBench,VoiceBench' \
		$(if $(ANCHOR),-Dbench.anchor='$(abspath $(ANCHOR))') $(BENCH_FLAGS) \
		| grep -E '^(bench:|perf:|path|baseline|core|Godot|start|memory|voice)'

# The addon as a user installs it: a zip of addons/webrtc_java/ to unpack into a project's folder.
release: addon
	rm -rf $(BUILD)/release $(RELEASE_ZIP)
	mkdir -p $(BUILD)/release/addons dist
	cp -r $(ADDON) $(BUILD)/release/addons/
	cp gdextension/addon/jvm.cfg $(BUILD)/release/addons/webrtc_java/jvm.cfg # not a local edit of it
	cd $(BUILD)/release && zip -qr -X $(abspath $(RELEASE_ZIP)) addons -x '*.uid' '*.import' # Godot's, per project
	@echo "release: $(RELEASE_ZIP)"

# 20 fresh imports of a project holding the addon and 100 short Godot runs that quit with live or
# half-open connections (tests/src/test/java/dev/gdwrtc/tests/SoakTest.java): every exit must be 0.
# Then a 10-minute game session of 4 Godot processes (SessionSoakTest): nothing lost or reordered,
# no error line, flat RSS. About 16 minutes; .ci/run runs it after `make test`. SOAK_FLAGS passes
# more, e.g. -Dtest=SessionSoakTest -Dsoak.minutes=3 -Dsoak.cycleSeconds=30.
SOAK_FLAGS ?=
soak: setup addon $(LEAK_AGENT) $(LOBBY_JAR)
	mvn -B --no-transfer-progress -Djavacpp.skip=true -pl tests test -Dbench.excluded= -Dgroups=soak -Dtest='SoakTest,SessionSoakTest' $(SOAK_FLAGS) \
		| grep -vE '^\[INFO\] (Download|---|Building|$$)' | grep -vE '^\[(import|run)-[0-9]+.*\] exit 0,' $(OR_LIST_FAILURES)

# Formats the sources: C/C++ with the checked-in .clang-format, Java with Palantir's formatter as
# configured in pom.xml (clang-format and Maven needed). FILES="a.cpp b/C.java" limits it to those files, e.g. the ones a change rewrote.
FILES ?=
FORMAT_CXX := $(if $(FILES),$(filter %.c %.cpp %.h,$(FILES)),$(CXX_SOURCES) $(filter %.h,$(CXX_HEADERS)) tests/c/abi_test.c tests/asan/nodeepbind.c)
FORMAT_JAVA := $(filter %.java,$(FILES))
format:
	$(if $(FORMAT_CXX),clang-format -i $(FORMAT_CXX))
	$(if $(or $(FORMAT_JAVA),$(if $(FILES),,all)),$(MVN) com.diffplug.spotless:spotless-maven-plugin:2.43.0:apply \
		$(if $(FORMAT_JAVA),-DspotlessFiles='$(subst $(eval) ,|,$(patsubst %,.*%,$(FORMAT_JAVA)))'))

clean:
	rm -rf $(BUILD)
	$(MVN) clean
