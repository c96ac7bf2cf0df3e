// The floor of a fresh process: an empty main, built like the other first-lookup programs.
int main() { return 0; }
