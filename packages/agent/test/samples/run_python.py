# Runs AWS's Python sample (get_secret.py, copied beside this file by the test) 50 times at once, one thread each,
# as 50 concurrent invocations would. The sample itself is not changed: its lambda_handler is called as Lambda does.
import importlib.util
import sys
import threading

spec = importlib.util.spec_from_file_location("sample", sys.argv[1])
sample = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sample)

count = int(sys.argv[2])
start = threading.Barrier(count)

def invoke():
    start.wait()
    sample.lambda_handler({}, None)

threads = [threading.Thread(target=invoke) for _ in range(count)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
