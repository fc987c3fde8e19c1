// Package race runs a test's contenders so they really contend: every goroutine is started
// first and all are released at once. It imports nothing of the project, so any package's own
// tests may use it (testkit itself builds the whole application).
package race

import "sync"

// Run calls f(0) … f(n-1) in n goroutines released together, and returns when all have ended.
func Run(n int, f func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f(i)
		}()
	}
	close(start)
	wg.Wait()
}
