// Reference values from test/fixtures/stats/reference.py (scipy 1.10 / statsmodels 0.13, Debian
// bookworm); regenerate with `/usr/bin/python3 test/fixtures/stats/reference.py > …/reference.json`.
import ref from '../../test/fixtures/stats/reference.json' with { type: 'json' };

export default ref;
