import "strings"
func Export() {}