#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The charts (--plot): a white background, one colour per strategy, every
# strategy named in a key with its numbers, the host limit line when
# there is one, no negative axis, PNG and SVG; nothing on stderr from
# gnuplot when it succeeds (warnings go to a log), its messages when it
# fails. A fake gnuplot in PATH makes both cases happen for sure.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
TR=tests/cli/layouts/tracefs-trace.txt
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..13"
if ! command -v gnuplot >/dev/null; then
	skip 11 "no gnuplot"
else
	"$PS" compare anon-churn --duration 0.3 --plot "$T/a.svg" -q 2>"$T/err"
	ok $? "compare --plot FILE.svg"
	[ ! -s "$T/err" ]; ok $? "nothing on stderr"
	[ -s "$T/err" ] && sed 's/^/#   /' "$T/err" | head -5
	grep -q '<rect x="0" y="0" width="[0-9]*" height="[0-9]*" fill="#ffffff"/>' "$T/a.svg"
	ok $? "a white background"
	strategies=$("$PS" list 2>/dev/null | sed -n 's/^strategies: //p')
	nst=$(echo $strategies | wc -w)
	# colours not of a strategy: text, border, grid, key box, bound, limit
	ncol=$(grep -o "stroke='rgb([^']*)'" "$T/a.svg" | sort -u |
	       grep -v "rgb(  0,   0,   0)\|rgb( 68,  68,  68)\|rgb(221, 221, 221)\|rgb(187, 187, 187)\|rgb(136, 136, 136)\|rgb(214,  39,  40)" | wc -l)
	[ "$nst" -ge 5 ] && [ "$ncol" -ge "$nst" ]; ok $? "a colour per strategy ($ncol for $nst)"
	miss=
	for s in $strategies; do
		grep -q ">$s<" "$T/a.svg" && grep -q ">$s ([0-9]*, [0-9.]* MiB)<" "$T/a.svg" || miss="$miss $s"
	done
	[ -z "$miss" ]; ok $? "each strategy in both keys, the trade-off one with its numbers${miss:+ (not:$miss)}"
	grep -q '>host limit<' "$T/a.svg"; ok $? "the host limit is drawn"
	! grep -q '>-[0-9]' "$T/a.svg"; ok $? "no negative axis"
	"$PS" replay "$TR" -s spill -H unlimited --plot "$T/u.svg" -q 2>"$T/err"
	[ $? = 0 ] && [ ! -s "$T/err" ] && ! grep -q '>host limit<' "$T/u.svg"
	ok $? "replay, unlimited host: no limit line, nothing on stderr"
	"$PS" compare "$TR" --plot "$T/t.png" -q 2>"$T/err"
	[ $? = 0 ] && [ ! -s "$T/err" ] && [ "$(head -c 4 "$T/t.png" | tail -c 3)" = PNG ]
	ok $? "a trace to PNG, nothing on stderr"
	"$PS" frontier "$TR" --plot "$T/f.svg" -q 2>"$T/err"
	[ $? = 0 ] && [ ! -s "$T/err" ] && grep -q 'fill="#ffffff"' "$T/f.svg"
	ok $? "frontier --plot: white, nothing on stderr"
	"$PS" compare anon-churn --duration 0.05 -s cmma --plot "$T/one.svg" -q 2>"$T/err"
	[ $? = 0 ] && [ ! -s "$T/err" ]; ok $? "one strategy: nothing on stderr"
fi
# a gnuplot that warns and succeeds, and one that fails
mkdir "$T/bin"
cat >"$T/bin/gnuplot" <<'EOS'
#!/bin/sh
echo "\"$2\" line 7: warning: Skipping data file with no valid points" >&2
: >"$3"
[ -z "$FAIL_GNUPLOT" ] || { echo "\"$2\" line 9: undefined variable: nosuch" >&2; exit 1; }
EOS
chmod +x "$T/bin/gnuplot"
PATH="$T/bin:$PATH" "$PS" compare anon-churn --duration 0.05 -s cmma --plot "$T/w.svg" -q 2>"$T/err"
[ $? = 0 ] && [ ! -s "$T/err" ]; ok $? "gnuplot's warnings do not reach stderr"
PATH="$T/bin:$PATH" FAIL_GNUPLOT=1 "$PS" compare anon-churn --duration 0.05 -s cmma --plot "$T/w.svg" -q 2>"$T/err"
[ $? != 0 ] && grep -q 'gnuplot failed' "$T/err" && grep -q 'gnuplot: .*undefined variable: nosuch' "$T/err"
ok $? "gnuplot fails: its messages are shown"
