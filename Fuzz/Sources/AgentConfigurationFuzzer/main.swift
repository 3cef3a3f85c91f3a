import FuzzerMain

runLibFuzzer { data, size in agentConfigurationFuzzTest(data, size) }
