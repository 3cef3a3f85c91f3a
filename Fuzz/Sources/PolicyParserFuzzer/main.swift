import FuzzerMain

runLibFuzzer { data, size in policyParserFuzzTest(data, size) }
