go
import "strings"
func Export() {}
