// Package html draws a report: one self-contained HTML page (Write) and
// the similarity heat map alone as SVG or PNG (WriteHeatmap). It is the
// only package of topics that imports gonum.org/v1/plot.
//
// The page is meant to be read top down: an overview (the map of the
// documents, the clusters as a legend with their sizes, the heat map of
// similarities ordered by cluster), the topic hierarchy when the report
// has one, a card per cluster, then the timeline, the table of clusters by
// gold label and the unclustered documents when there are any. Long lists
// are collapsed in <details>; every in-page link leads to an element of
// the page.
//
// Every picture is vector SVG drawn with gonum/plot's SVG backend (vgsvg),
// inline in the page: no raster image, no script, nothing loaded from
// elsewhere. Tooltips (SVG <title>) and links (SVG <a>) are added to groups
// of shapes that vgsvg drew inside a translation by (0, 0), which marks
// them in its output (see picture). Labels on the map are placed so that
// none overlaps another or covers another cluster's mark (placeLabels).
// A picture's unit is about a CSS pixel at the page's width of 1280
// pixels. Text is set in Liberation Sans, which gonum/plot embeds for
// measuring and browsers find installed or replace by a sans-serif.
package html
