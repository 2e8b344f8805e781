// Package html draws a report: one self-contained HTML page (Write) with
// theme cards, a map of the documents and a similarity heat map, and the
// heat map alone as SVG or PNG (WriteHeatmap). It is the only package of
// topics that imports gonum.org/v1/plot.
package html
