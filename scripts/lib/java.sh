# Sourced by the bench and script entry points: find_java prints a java >= 21.
# A JDK >= 21: $JAVA, $JAVA_HOME, java on PATH, then the newest under /usr/lib/jvm.
find_java() {
  local candidates=() j v
  [[ -n ${JAVA:-} ]] && candidates+=("$JAVA")
  [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null && candidates+=("$(command -v java)")
  for j in $(printf "%s\n" /usr/lib/jvm/*/bin/java | sort -rV); do candidates+=("$j"); done
  for j in "${candidates[@]}"; do
    [[ -x $j ]] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ ${v%%.*} =~ ^[0-9]+$ ]] && ((${v%%.*} >= 21)); then
      echo "$j"
      return 0
    fi
  done
  return 1
}
