package topics_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/topics-dev/topics"
	"github.com/topics-dev/topics/corpus"
)

func ExampleSample() {
	docs, err := corpus.ReadFS(topics.Sample(), ".", corpus.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		words := strings.Fields(d.Content())
		title := strings.Fields(d.Title)
		fmt.Printf("%s %3d words: %s ...\n", d.ID, len(words), strings.Join(title[:min(len(title), 5)], " "))
	}
	// Output:
	// 000_262ba55ab9753249.txt 368 words: US steps up effort to ...
	// 001_cbe5d81de21a38a5.txt 606 words: US Military Trickles Back into ...
	// 002_6cc082234fa7977f.txt 319 words: U.S. Secretary of State Hillary ...
	// 003_4cc89330f60b4b63.txt 361 words: A KEY plank of the ...
	// 004_aa1d284e69476b79.txt 593 words: World News ...
}
