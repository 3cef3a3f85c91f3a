import FuzzerMain

runLibFuzzer { data, size in releaseTagFuzzTest(data, size) }
