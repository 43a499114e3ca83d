// The victim-gateway program: parses the command line and runs one sub-command.
#include "cli/commands.h"

int main(int argc, char** argv) { return vg::cli::run(argc, argv); }
