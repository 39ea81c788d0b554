#!/usr/bin/env python3
"""Cross-check the Gwet values in a fixture against irrCAC (the Python port of R irrCAC).

irrCAC pins scipy==1.12, which conflicts with requirements.txt, so run it from its own
virtual environment:

    python3 -m venv /tmp/irrcac && /tmp/irrcac/bin/pip install irrCAC==0.4.4
    /tmp/irrcac/bin/python check_gwet_irrcac.py ../StatisticsTests/Fixtures/reference.json
"""
import json
import sys

import numpy as np
import pandas as pd
from irrCAC.raw import CAC

fixture = json.load(open(sys.argv[1]))
worst = 0.0
for entry in fixture["datasets"]:
    frame = pd.DataFrame([[np.nan if x is None else x for x in row] for row in entry["ratings"]], dtype=float)
    ac1 = CAC(frame, digits=15).gwet()["est"]
    ac2 = CAC(frame, weights="quadratic", digits=15).gwet()["est"]
    pairs = [(ac1["coefficient_value"], entry["gwet"]["ac1"]),
             (ac2["coefficient_value"], entry["gwet"]["ac2_quadratic"]),
             (ac1["pa"], entry["gwet"]["percent_agreement"])]
    diff = max(abs(a - b) for a, b in pairs)
    worst = max(worst, diff)
    print(f"{entry['name']}: max |irrCAC - fixture| = {diff:.2e}")
sys.exit(0 if worst < 1e-12 else 1)
