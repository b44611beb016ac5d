// Our class reference in the editor's help: see docs.cpp.
#pragma once
#include "editor_level.h"
