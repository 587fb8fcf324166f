# SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
# The plot is well-formed SVG: one root element, four polylines (one per
# policy) with real points, axes and a legend naming each policy.
include(${COMMON})

file(REMOVE ${WORK}/plot.svg)
sim_run(r --quiet --steps 400 --svg plot.svg)
sim_expect("run exits 0" r_rc EQUAL 0)
sim_expect("--quiet prints nothing" r_out STREQUAL empty)
sim_expect("plot written" EXISTS ${WORK}/plot.svg)
file(READ ${WORK}/plot.svg svg)

sim_expect("starts with <svg" svg MATCHES "^<svg ")
sim_expect("declares the SVG namespace"
           svg MATCHES "xmlns=\"http://www.w3.org/2000/svg\"")
string(STRIP "${svg}" svg_s)
sim_expect("ends with </svg>" svg_s MATCHES "</svg>$")
string(REGEX MATCHALL "<svg[ >]" opens "${svg}")
list(LENGTH opens nopen)
sim_expect("one root element" nopen EQUAL 1)

string(REGEX MATCHALL "<polyline [^>]*/>" lines "${svg}")
list(LENGTH lines nlines)
sim_expect("four closed polylines" nlines EQUAL 4)
foreach(l ${lines})
  string(REGEX MATCH "points=\"([^\"]*)\"" m "${l}")
  string(REGEX MATCHALL "[0-9.]+,[0-9.]+" pts "${CMAKE_MATCH_1}")
  list(LENGTH pts npts)
  sim_expect("polyline has many points (${npts})" npts GREATER 100)
endforeach()

# Every element that opens is closed: count tags that are not self-closing.
foreach(tag svg text)
  string(REGEX MATCHALL "<${tag}[ >]" o "${svg}")
  string(REGEX MATCHALL "</${tag}>" c "${svg}")
  list(LENGTH o no)
  list(LENGTH c nc)
  sim_expect("<${tag}> opened ${no} closed ${nc}" no EQUAL nc)
endforeach()
foreach(tag line rect polyline)
  string(REGEX MATCHALL "<${tag} [^>]*[^/]>" open "${svg}")
  list(LENGTH open n)
  sim_expect("every <${tag}> self-closes" n EQUAL 0)
endforeach()
foreach(p none unused-fpr unused full)
  sim_expect("legend names ${p}" svg MATCHES ">${p}</text>")
endforeach()
sim_expect("y axis is labelled" svg MATCHES "host resident frames")

# One policy, one line.
sim_run(r --quiet --steps 100 --policy unused --svg one.svg)
file(READ ${WORK}/one.svg svg)
string(REGEX MATCHALL "<polyline " lines "${svg}")
list(LENGTH lines nlines)
sim_expect("--policy unused draws one line" nlines EQUAL 1)

# An unwritable path is a runtime failure, not a usage error.
sim_run(r --quiet --steps 10 --svg no/such/dir/x.svg)
sim_expect("unwritable --svg exits 1" r_rc EQUAL 1)

if(sim_failures)
  message(FATAL_ERROR "${sim_failures} check(s) failed")
endif()
