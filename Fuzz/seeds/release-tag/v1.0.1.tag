object 3c5c333c9104387a983789ee5af25b6137f57b17
type commit
tag v1.0.1
tagger Maintainer <m@example.test> 1796504792 +0000

Release v1.0.1

Expires: 2099-01-01T00:00:00Z
