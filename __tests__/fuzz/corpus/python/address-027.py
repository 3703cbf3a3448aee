python
import os
print(os.sep)
