# AWS's Python client code for the AWS Parameters and Secrets Lambda Extension, as AWS documents it in "Use AWS
# Secrets Manager secrets in AWS Lambda functions" (Secrets Manager User Guide, retrieving-secrets_lambda) and in
# the Lambda Developer Guide page "Use Secrets Manager secrets in Lambda functions" (with-secrets-manager), Python
# tab. Unmodified but for the secret name; the test copies it with the port it gave the agent in place of 2773.
import json
import os
import requests

def lambda_handler(event, context):
    try:
        # Replace with the name or ARN of your secret
        secret_name = "sample/python"

        secrets_extension_endpoint = f"http://localhost:2773/secretsmanager/get?secretId={secret_name}"
        headers = {"X-Aws-Parameters-Secrets-Token": os.environ.get('AWS_SESSION_TOKEN')}

        response = requests.get(secrets_extension_endpoint, headers=headers)
        print(f"Response status code: {response.status_code}")

        secret = json.loads(response.text)["SecretString"]
        print(f"Retrieved secret: {secret}")

        return {
            'statusCode': response.status_code,
            'body': json.dumps({
                'message': 'Successfully retrieved secret',
                'secretRetrieved': True
            })
        }

    except Exception as e:
        print(f"Error: {str(e)}")
        return {
            'statusCode': 500,
            'body': json.dumps({
                'message': 'Error retrieving secret',
                'error': str(e)
            })
        }
