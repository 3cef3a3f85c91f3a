object 3c5c333c9104387a983789ee5af25b6137f57b17
type commit
tag v2.0.0
tagger Maintainer <m@example.test> 1796504792 +0000

Release v2.0.0

Expires: 2099-01-01T00:00:00Z
-----BEGIN PGP SIGNATURE-----

iHUEABYIAB0WIQQbSXNgjlvh6OeLlyAKIw++isCYkwUCaxR82AAKCRAKIw++isCY
k4/nAQDJLxPTFLBThIBjJK+Ao2sPwYY+w2M/mZcibEr3GUVb9AD+LUV1dx+hCVqD
SZKNcrd/Fg54Ev1qFtlUjeixGQ/ANA0=
=Ws34
-----END PGP SIGNATURE-----
