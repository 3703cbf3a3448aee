
*
0.0.0.0
::
LOCALHOST
10.1.2.3
example.com
