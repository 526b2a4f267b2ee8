#!/usr/bin/env bash
# A standalone Spark cluster on this machine, and a Dendrite job trained on it.
#
# Starts a master and two worker JVMs (each its own process, 1 core each, on 127.0.0.1) from the
# Maven-resolved Spark jars, builds the job as a shaded jar (mvn package -Pjob), submits it with
# spark-submit, and prints Pima and mnist_mlp trained across the two workers against the same epochs
# on one JVM (accuracy, seconds per epoch, ratio) and the cost per step of parameter averaging every
# 1, 5 and 20 steps. Then a fault run: a job of 8 epochs during which worker 2 is killed (kill -9, with
# its executor) after epoch 2; it reports whether the job finished on the remaining worker or failed,
# and which epoch's weights the model holds.
#
#   spark/cluster-demo.sh                    # everything: pima mnist averaging fault (about 10 minutes on 2 cores)
#   spark/cluster-demo.sh pima fault         # some parts
#
# Output: the figures on stdout and in spark/target/cluster/figures.txt; the JVMs' logs in
# spark/target/cluster/logs. Needs JDK 17, Maven and the MNIST cache (a first mvn test fetches it).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(pima mnist averaging fault)

work=$PWD/spark/target/cluster
export SPARK_HOME=$work/spark-home SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.12
master_port=${MASTER_PORT:-7177}
ui_port=$((master_port + 1000))
master=spark://127.0.0.1:$master_port
rm -rf "$work/logs" "$work/worker-1" "$work/worker-2" "$SPARK_HOME"
mkdir -p "$work/logs" "$work/data"

echo "== building the job jar and the cluster's jars"
# The cluster: Spark and every library the job shares with it. The job jar: Dendrite, DL4J, ND4J, DataVec, JavaCPP.
mvn -B -q ${MVN_FLAGS:-} package -Pjob -pl spark -am -DskipTests  # writes $SPARK_HOME/jars too (the pom's job profile)
job=$PWD/spark/target/dendrite-spark-job.jar
echo "   job jar $(du -h "$job" | cut -f1), cluster jars: $(ls "$SPARK_HOME/jars" | wc -l) files, $(du -sh "$SPARK_HOME/jars" | cut -f1)"
# Spark's Java 17 options for the driver, as the spark module's pom lists them
opens=$(sed -n 's:.*<spark.java17.options>\(.*\)</spark.java17.options>.*:\1:p' spark/pom.xml)

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

echo "== starting the master ($master, web UI $ui_port) and two workers"
java -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$master_port" --webui-port "$ui_port" >"$work/logs/master.log" 2>&1 &
pids+=($!)
workers=()
for i in 1 2; do
    java -Xmx256m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 2g --webui-port $((ui_port + i)) \
        --work-dir "$work/worker-$i" "$master" >"$work/logs/worker-$i.log" 2>&1 &
    pids+=($!)
    workers+=($!)
done
for _ in $(seq 60); do
    alive=$(curl -s "http://127.0.0.1:$ui_port/json/" | sed -n 's/.*"aliveworkers" *: *\([0-9]*\).*/\1/p' || true)
    [ "${alive:-0}" = 2 ] && break
    sleep 1
done
[ "${alive:-0}" = 2 ] || { echo "the workers did not register; see $work/logs"; exit 1; }
echo "   master pid ${pids[0]}, worker pids ${workers[*]}: 2 workers alive"

submit() {
    java $opens -Xmx2g -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
        --master "$master" --class org.dendrite.spark.demo.ClusterDemo \
        --conf spark.executor.memory=1500m --conf spark.dendrite.masterUiPort="$ui_port" \
        "$job" "$master" "$work/data" "$@"
}

figures=$work/figures.txt
: >"$figures"
run=()
for p in "${parts[@]}"; do [ "$p" = fault ] || run+=("$p"); done
if [ ${#run[@]} -gt 0 ]; then
    echo "== job: ${run[*]} (driver log: $work/logs/driver.log)"
    submit "${run[@]}" 2>"$work/logs/driver.log" | tee -a "$figures"
fi

if [[ " ${parts[*]} " == *" fault "* ]]; then
    echo "== fault run: worker 2 (pid ${workers[1]}) is killed after epoch 2 of 8" | tee -a "$figures"
    submit fault 2>"$work/logs/driver-fault.log" >"$work/fault.txt" &
    job_pid=$!
    pids+=($job_pid)
    until grep -q "EPOCH 2 DONE" "$work/fault.txt" 2>/dev/null || ! kill -0 $job_pid 2>/dev/null; do sleep 0.2; done
    executor=$(pgrep -P "${workers[1]}" || true)
    kill -9 "${workers[1]}" $executor
    echo "   killed worker ${workers[1]} and its executor ${executor:-(none)} at $(date +%T)" | tee -a "$figures"
    wait $job_pid || true
    cat "$work/fault.txt" | tee -a "$figures"
    grep -E "ExecutorLost|Lost executor|Removing executor|task .* failed|Resubmitted" "$work/logs/driver-fault.log" \
        | sed 's/^/   driver log: /' | head -5 | tee -a "$figures" || true
fi
