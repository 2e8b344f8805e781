// Package theme says what a cluster of documents is about: its key phrases
// (runs of one to three content words weighed by a class-based TF-IDF), a
// label made of the first of them, and an extractive summary (the sentences
// of its members closest to its TF-IDF centroid).
//
// Clusters are given as members: members[c] lists the indices of the
// documents of cluster c, closest to the cluster's centroid first. Results
// depend only on the texts and the members, never on the number of cores.
package theme
