#!/usr/bin/env bash
# The tea shop on two Payara Micro nodes that share their sessions through Payara's Hazelcast, with no sticky
# sessions: open http://127.0.0.1:8080/shop/ and http://127.0.0.1:8081/shop/ in one browser (cookies do not depend on
# the port, so both get the same session). Ctrl+C stops both; `kill -9` of one leaves the cart on the other.
# Run from the repository root: bash samples/shop/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -DskipTests install
mvn -B -q -f samples/shop/pom.xml package
mvn -B -q dependency:copy -Dartifact=fish.payara.extras:payara-micro:6.2025.10 \
    -DoutputDirectory=samples/shop/target -Dmdep.stripVersion=true

cluster="usersession-shop-$$"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT
for node in 0 1; do
  # --nohostaware: two nodes on one host keep a backup of each other's sessions only without host-aware groups.
  java -Xmx512m -Dhazelcast.socket.bind.any=false -Dusersession.store=hazelcast \
      -jar samples/shop/target/payara-micro.jar --deploy samples/shop/target/shop.war \
      --port $((8080 + node)) --interfaces 127.0.0.1 --clustername "$cluster" --nohostaware \
      --clustermode tcpip:127.0.0.1:6900,127.0.0.1:6901 --startport $((6900 + node)) \
      --prebootcommandfile samples/shop/src/main/payara/preboot.asadmin --disablephonehome \
      > "samples/shop/target/node$node.log" 2>&1 &
  pids+=($!)
  echo "node $node: http://127.0.0.1:$((8080 + node))/shop/ (pid $!, log samples/shop/target/node$node.log)"
done
echo "Ctrl+C stops both nodes."
wait
