"""Model backends: text generation and embeddings, behind small interfaces, loaded lazily.

Importing this package sets ``OMP_WAIT_POLICY=PASSIVE`` unless the user set it, before anything
imports torch: OpenMP threads that spin while waiting collapse when the cores are shared. With
2 torch threads on 2 cores and a load average of 5, SmolLM2 generated 1.2-1.5 tokens/s with the
default policy and 4.7-5.5 with PASSIVE (1 thread: 4-6). A terminal app shares its cores with
an editor and a browser, so Slate does not spin.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
